-- Buffer settings for .nianbao reports.
if vim.b.did_ftplugin then
  return
end
vim.b.did_ftplugin = true

vim.bo.commentstring = '// %s'
vim.bo.comments = '://'
-- Long CJK paragraphs are one line each: never hard-wrap them.
vim.bo.textwidth = 0

-- Tree-sitter highlighting and folding (when parser/nianbao.so is built).
require('nianbao').attach(0)

vim.b.undo_ftplugin = 'setlocal commentstring< comments< textwidth< foldmethod< foldexpr< foldlevel<'
  .. ' | lua pcall(vim.treesitter.stop)'
