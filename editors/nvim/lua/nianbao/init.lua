-- The nianbao plugin's functions: parser registration and build, buffer setup.

local M = {}

--- The folder of this plugin (the one holding plugin/, lsp/, queries/).
function M.root()
  local source = debug.getinfo(1, 'S').source:sub(2)
  return vim.fn.fnamemodify(source, ':p:h:h:h')
end

function M.parser_path()
  return M.root() .. '/parser/nianbao.so'
end

--- Registers the parser with Neovim; returns true when it is available.
function M.register()
  vim.treesitter.language.register('nianbao', 'nianbao')
  local so = M.parser_path()
  if vim.uv.fs_stat(so) then
    local ok = pcall(vim.treesitter.language.add, 'nianbao', { path = so })
    if ok then
      return true
    end
  end
  -- Also found when another parser/nianbao.so is on the runtimepath.
  return (pcall(vim.treesitter.language.add, 'nianbao'))
end

--- Compiles grammar/src/parser.c and scanner.c into parser/nianbao.so.
--- `src` defaults to the grammar of the repository this plugin lives in.
function M.build_parser(src)
  src = src and vim.fn.fnamemodify(src, ':p') or (M.root() .. '/../../grammar/src')
  src = vim.fs.normalize(src)
  if not vim.uv.fs_stat(src .. '/parser.c') then
    vim.notify('nianbao：找不到 ' .. src .. '/parser.c；用法 :NianbaoBuildParser {grammar/src 目录}', vim.log.levels.ERROR)
    return false
  end
  local out = M.parser_path()
  vim.fn.mkdir(vim.fn.fnamemodify(out, ':h'), 'p')
  local tmp = out .. '.tmp'
  local cc = vim.env.CC or 'cc'
  local cmd = { cc, '-shared', '-fPIC', '-O2', '-std=c11', '-I', src, src .. '/parser.c', src .. '/scanner.c', '-o', tmp }
  local result = vim.system(cmd, { text = true }):wait()
  if result.code ~= 0 then
    vim.notify('nianbao：编译语法分析器失败：\n' .. (result.stderr or ''), vim.log.levels.ERROR)
    return false
  end
  -- A parser already loaded in this session keeps its old code; the new one
  -- is used from the next start of Neovim.
  assert(vim.uv.fs_rename(tmp, out))
  M.register()
  vim.notify('nianbao：已生成 ' .. out)
  return true
end

--- Starts tree-sitter highlighting and folding in a nianbao buffer.
function M.attach(buf)
  if buf == nil or buf == 0 then
    buf = vim.api.nvim_get_current_buf()
  end
  if not M.register() then
    vim.notify_once('nianbao：还没有 .nianbao 的语法分析器，运行 :NianbaoBuildParser 生成（需要 C 编译器）', vim.log.levels.WARN)
    return false
  end
  local ok = pcall(vim.treesitter.start, buf, 'nianbao')
  if not ok then
    return false
  end
  if vim.g.nianbao_fold ~= false then
    for _, win in ipairs(vim.fn.win_findbuf(buf)) do
      vim.wo[win][0].foldmethod = 'expr'
      vim.wo[win][0].foldexpr = 'v:lua.vim.treesitter.foldexpr()'
      vim.wo[win][0].foldlevel = 99
    end
  end
  return true
end

return M
