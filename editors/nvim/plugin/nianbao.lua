-- nianbao: 政府信息公开工作年度报告（.nianbao）for Neovim 0.11+.
--
-- Filetype detection, the tree-sitter parser (parser/nianbao.so, built from
-- grammar/src by :NianbaoBuildParser or build-parser.sh) with the highlight
-- and fold queries in queries/nianbao/, and the language server config in
-- lsp/nianbao.lua (enable it with `vim.lsp.enable('nianbao')`).

if vim.g.loaded_nianbao then
  return
end
vim.g.loaded_nianbao = true

vim.filetype.add({ extension = { nianbao = 'nianbao' } })

vim.api.nvim_create_user_command('NianbaoBuildParser', function(opts)
  require('nianbao').build_parser(opts.args ~= '' and opts.args or nil)
end, { nargs = '?', complete = 'dir', desc = '编译 .nianbao 的 tree-sitter 语法分析器' })

require('nianbao').register()
