#!/usr/bin/env sh
# Builds the tree-sitter parser of .nianbao for Neovim from grammar/src:
#   parser/nianbao.so  (next to this script, on the runtimepath with the plugin)
# Usage: build-parser.sh [GRAMMAR_SRC_DIR]   (default: ../../grammar/src)
# The same as :NianbaoBuildParser inside Neovim. Needs a C compiler (cc).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=${1:-$here/../../grammar/src}
[ -f "$src/parser.c" ] || { echo "build-parser.sh: no parser.c in $src" >&2; exit 1; }
mkdir -p "$here/parser"
${CC:-cc} -shared -fPIC -O2 -std=c11 -I "$src" "$src/parser.c" "$src/scanner.c" -o "$here/parser/nianbao.so.tmp"
mv "$here/parser/nianbao.so.tmp" "$here/parser/nianbao.so"
echo "$here/parser/nianbao.so"
