-- The nianbao language server (`nianbao lsp`), for Neovim 0.11+:
--
--   vim.lsp.enable('nianbao')
--
-- Override any field with vim.lsp.config('nianbao', { ... }), e.g. another
-- binary: vim.lsp.config('nianbao', { cmd = { '/path/to/nianbao', 'lsp' } }),
-- or rule levels: settings = { nianbao = { rules = { ['prose-breakdown'] = 'off' } } }.

---@type vim.lsp.Config
return {
  cmd = { vim.g.nianbao_server_path or 'nianbao', 'lsp' },
  filetypes = { 'nianbao' },
  root_markers = { 'nianbao.toml', '.git' },
  settings = {
    nianbao = {
      -- Level of each rule by code: 'error' | 'warning' | 'info' | 'hint' | 'off'.
      rules = vim.empty_dict(),
      -- Match completion labels on pinyin initials too (yygk → （一）予以公开).
      completion = { pinyin = false },
      inlayHints = true,
    },
  },
  -- The settings are also the initializationOptions, so that the first
  -- diagnostics already use the rule levels.
  before_init = function(params, config)
    if params.initializationOptions == nil and config.settings then
      params.initializationOptions = config.settings.nianbao
    end
  end,
}
