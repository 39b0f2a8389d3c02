-- Configuration of the Neovim end-to-end test: what a user writes in their
-- init.lua (editors/nvim/README.md), with the server binary of this build.
--
--   NIANBAO_ROOT  repository root (default: three folders up from here)
--   NIANBAO_BIN   the nianbao binary (tests/e2e/run.sh sets it; default:
--                 debug/nianbao under $CARGO_TARGET_DIR, else target/)

local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local root = vim.env.NIANBAO_ROOT or vim.fn.fnamemodify(here, ':h:h:h')
vim.g.nianbao_e2e_root = root

vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'
vim.opt.more = false

-- The user's lines:
vim.opt.runtimepath:prepend(root .. '/editors/nvim')
vim.lsp.config('nianbao', {
  cmd = { vim.env.NIANBAO_BIN or ((vim.env.CARGO_TARGET_DIR or (root .. '/target')) .. '/debug/nianbao'), 'lsp' },
})
vim.lsp.enable('nianbao')
