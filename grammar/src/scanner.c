// External scanner for tree-sitter-nianbao.
//
// One job: `_line_end`, which matches a newline (LF or CRLF, after optional
// trailing blanks) or, zero-width, the end of input. This lets every line
// rule end the same way whether or not the file has a final newline.
#include "tree_sitter/parser.h"

enum TokenType { LINE_END, ERROR_SENTINEL };

void *tree_sitter_nianbao_external_scanner_create(void) { return NULL; }
void tree_sitter_nianbao_external_scanner_destroy(void *payload) { (void)payload; }
unsigned tree_sitter_nianbao_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload; (void)buffer;
  return 0;
}
void tree_sitter_nianbao_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
  (void)payload; (void)buffer; (void)length;
}

bool tree_sitter_nianbao_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  (void)payload;
  // During error recovery every symbol is valid; a zero-width token there
  // could loop forever, so leave recovery to the internal lexer.
  if (valid_symbols[ERROR_SENTINEL] || !valid_symbols[LINE_END]) return false;

  while (lexer->lookahead == ' ' || lexer->lookahead == '\t' || lexer->lookahead == 0x3000 ||
         lexer->lookahead == 0xA0) {
    lexer->advance(lexer, true);
  }
  if (lexer->lookahead == '\r') lexer->advance(lexer, false);
  if (lexer->lookahead == '\n') {
    lexer->advance(lexer, false);
    lexer->mark_end(lexer);
    lexer->result_symbol = LINE_END;
    return true;
  }
  if (lexer->eof(lexer)) {
    lexer->mark_end(lexer);
    lexer->result_symbol = LINE_END;
    return true;
  }
  return false;
}
