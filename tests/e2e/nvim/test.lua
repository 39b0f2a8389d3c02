-- End-to-end test of Neovim with editors/nvim and `nianbao lsp`:
--
--   nvim --headless -u tests/e2e/nvim/init.lua -c 'luafile tests/e2e/nvim/test.lua'
--
-- Opens the real example report and a fixture with a wrong 表三 total, and
-- checks what the editor shows: diagnostics at the right places (UTF-8
-- columns after CJK text), the same as `nianbao check`; completion of a
-- standard label in a 表三 row; hover over an article reference; the quick
-- fix of a wrong total; tree-sitter captures and folds; settings reaching
-- the server. Writes one line per check to $NIANBAO_E2E_OUT/nvim-results.txt
-- (and stdout), and exits non-zero when any check fails.

local root = vim.g.nianbao_e2e_root
local out_dir = vim.env.NIANBAO_E2E_OUT or (root .. '/tests/e2e/out')
vim.fn.mkdir(out_dir, 'p')
local results_path = out_dir .. '/nvim-results.txt'
local lines_out = {}
local failed, passed = 0, 0
local TIMEOUT = tonumber(vim.env.NIANBAO_E2E_TIMEOUT or '20000')

local function log(s)
  table.insert(lines_out, s)
  io.stdout:write(s .. '\n')
end

local function finish()
  log(string.format('%d passed, %d failed', passed, failed))
  local f = assert(io.open(results_path, 'w'))
  f:write(table.concat(lines_out, '\n') .. '\n')
  f:close()
  if failed > 0 then
    vim.cmd('cquit 1')
  else
    vim.cmd('qall!')
  end
end

-- A hung step must not hang the test.
local watchdog = vim.uv.new_timer()
watchdog:start(tonumber(vim.env.NIANBAO_E2E_DEADLINE or '240000'), 0, vim.schedule_wrap(function()
  failed = failed + 1
  log('FAIL watchdog: the test did not finish in time')
  finish()
end))

local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    log('ok   ' .. name)
  else
    failed = failed + 1
    log('FAIL ' .. name .. (detail and (': ' .. detail) or ''))
  end
  return ok
end

--- Runs one step; an error inside counts as a failed check.
local function step(name, fn)
  log('-- ' .. name)
  local ok, err = xpcall(fn, debug.traceback)
  if not ok then
    check(name, false, tostring(err))
  end
end

local function wait(cond, ms)
  return vim.wait(ms or TIMEOUT, cond, 20)
end

local function open(rel)
  vim.cmd('edit! ' .. vim.fn.fnameescape(root .. '/' .. rel))
  return vim.api.nvim_get_current_buf()
end

local function client_of(buf)
  return vim.lsp.get_clients({ bufnr = buf, name = 'nianbao' })[1]
end

--- 0-based row of the first line containing `context`, and the 0-based
--- byte column of `needle` (default: the context itself) in that line,
--- searched from the start of the context.
local function find(buf, context, needle)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for i = 1, #lines do
    local s = lines[i]:find(context, 1, true)
    if s then
      if needle then
        local n = lines[i]:find(needle, s, true)
        assert(n, needle .. ' not in ' .. lines[i])
        return i - 1, n - 1
      end
      return i - 1, s - 1
    end
  end
  error('not in the buffer: ' .. context)
end

local function diagnostics(buf, code)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code == nil or d.code == code then
      table.insert(out, d)
    end
  end
  return out
end

local function describe(ds)
  local parts = {}
  for _, d in ipairs(ds) do
    table.insert(parts, string.format('%s@%d:%d-%d:%d', tostring(d.code), d.lnum, d.col, d.end_lnum, d.end_col))
  end
  return '[' .. table.concat(parts, ', ') .. ']'
end

--- Text of the floating windows open now.
local function floats_text()
  local texts = {}
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then
      local b = vim.api.nvim_win_get_buf(win)
      table.insert(texts, table.concat(vim.api.nvim_buf_get_lines(b, 0, -1, false), '\n'))
    end
  end
  return table.concat(texts, '\n')
end

local function close_floats()
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then
      pcall(vim.api.nvim_win_close, win, true)
    end
  end
end

local function captures_at(buf, row, col)
  local names = {}
  for _, c in ipairs(vim.treesitter.get_captures_at_pos(buf, row, col)) do
    names[c.capture] = true
  end
  return names
end

local function keys_of(t)
  local k = vim.tbl_keys(t)
  table.sort(k)
  return table.concat(k, ',')
end

local example = 'examples/suizhong-2023.nianbao'
local fixture = 'tests/e2e/fixtures/wrong-total.nianbao'
local buf

step('open the example: filetype, language server, UTF-8 positions', function()
  buf = open(example)
  check('filetype of *.nianbao is nianbao', vim.bo[buf].filetype == 'nianbao', vim.bo[buf].filetype)
  local attached = wait(function()
    local c = client_of(buf)
    return c ~= nil and c.initialized == true
  end)
  check('nianbao lsp attached to the buffer', attached)
  local client = client_of(buf)
  if client then
    check('position encoding negotiated: utf-8', client.offset_encoding == 'utf-8', client.offset_encoding)
  end
end)

step('diagnostics of the example at their places', function()
  check('diagnostics arrive', wait(function()
    return #diagnostics(buf, 'prose-breakdown') > 0 and #diagnostics(buf, 'label-variant') > 0
  end), describe(diagnostics(buf)))
  -- “共发布各类信息2471条。其中…1327条…827条…156条…37条” (sums to 2347).
  local row, col = find(buf, '门户网站共发布各类信息2471条', '2471条')
  local d = diagnostics(buf, 'prose-breakdown')[1]
  if d then
    check('prose-breakdown at the “2471条” figure, after CJK text (UTF-8 columns)',
      d.lnum == row and d.col == col and d.end_lnum == row and d.end_col == col + #'2471条',
      string.format('got %d:%d-%d:%d, want %d:%d-%d:%d', d.lnum, d.col, d.end_lnum, d.end_col, row, col, row, col + #'2471条'))
    check('prose-breakdown message names the sum and the total',
      d.message:find('2347', 1, true) ~= nil and d.message:find('2471', 1, true) ~= nil, d.message)
    check('prose-breakdown is a warning', d.severity == vim.diagnostic.severity.WARN)
  end
  local lrow, lcol = find(buf, '| 第二十条第(一)项 | 本年发件', '本年发件')
  local found = false
  for _, ld in ipairs(diagnostics(buf, 'label-variant')) do
    if ld.lnum == lrow and ld.col == lcol and ld.end_col == lcol + #'本年发件' then
      found = true
    end
  end
  check('label-variant at the cell “本年发件” of the 表二 header', found, describe(diagnostics(buf, 'label-variant')))
end)

step('editor diagnostics are those of `nianbao check`', function()
  local bin = vim.lsp.config.nianbao.cmd[1]
  local r = vim.system({ bin, 'check', '--format', 'json', root .. '/' .. example }, { text = true }):wait()
  local ok, json = pcall(vim.json.decode, r.stdout)
  check('nianbao check --format json runs', ok and json and json.files ~= nil, r.stderr)
  if not ok then
    return
  end
  local want = {}
  for _, f in ipairs(json.files) do
    for _, d in ipairs(f.diagnostics) do
      -- line2byte is 1-based; byte_start is 0-based.
      local line = d.range.start.line
      local col = d.range.byte_start - (vim.fn.line2byte(line) - 1)
      table.insert(want, string.format('%s@%d:%d %s', d.code, line - 1, col, d.message))
    end
  end
  local got = {}
  for _, d in ipairs(diagnostics(buf)) do
    table.insert(got, string.format('%s@%d:%d %s', d.code, d.lnum, d.col, d.message))
  end
  table.sort(want)
  table.sort(got)
  check('same codes, positions and messages as the CLI (' .. #want .. ')',
    #want > 0 and vim.deep_equal(want, got),
    '\n  cli:    ' .. table.concat(want, '\n          ') .. '\n  editor: ' .. table.concat(got, '\n          '))
end)

step('tree-sitter: highlighting, captures and folds', function()
  check('tree-sitter highlighter active', vim.treesitter.highlighter.active[buf] ~= nil)
  -- A screen would parse on redraw; headless, parse now.
  vim.treesitter.get_parser(buf, 'nianbao'):parse(true)
  local hrow, hcol = find(buf, '# 一、总体情况')
  local caps = captures_at(buf, hrow, hcol + 2)
  check('heading text captured as @markup.heading.1', caps['markup.heading.1'] == true, keys_of(caps))
  caps = captures_at(buf, hrow, hcol)
  check('heading marker captured as @markup.heading.marker', caps['markup.heading.marker'] == true, keys_of(caps))
  local nrow, ncol = find(buf, '门户网站共发布各类信息2471条', '2471条')
  caps = captures_at(buf, nrow, ncol)
  check('figure 2471 captured as @number', caps['number'] == true, keys_of(caps))
  caps = captures_at(buf, nrow, ncol + 4)
  check('unit 条 captured as @markup.italic', caps['markup.italic'] == true, keys_of(caps))
  local arow, acol = find(buf, '| 第二十条第(一)项', '第二十条第(一)项')
  caps = captures_at(buf, arow, acol)
  check('article reference 第二十条第(一)项 captured as @markup.link', caps['markup.link'] == true, keys_of(caps))
  local crow = find(buf, '// 来源')
  caps = captures_at(buf, crow, 0)
  check('comment captured as @comment', caps['comment'] == true, keys_of(caps))
  local prow = find(buf, '| 规章 |')
  caps = captures_at(buf, prow, 0)
  check('table pipe captured as @punctuation.special', caps['punctuation.special'] == true, keys_of(caps))
  local win = vim.api.nvim_get_current_win()
  check('foldmethod is expr with the tree-sitter foldexpr',
    vim.wo[win].foldmethod == 'expr' and vim.wo[win].foldexpr:find('treesitter') ~= nil,
    vim.wo[win].foldmethod .. ' ' .. vim.wo[win].foldexpr)
  vim.cmd('normal! zx')
  local level = vim.fn.foldlevel(nrow + 1)
  check('the paragraph in （一） is folded inside its section (foldlevel ≥ 2)', level >= 2, 'foldlevel ' .. level)
end)

--- Types `keys` in Normal mode, ending in Insert mode with <C-x><C-o>
--- (LSP omnifunc, answered asynchronously by the server), and returns the
--- entries of the completion menu. The keys run in Insert mode until the poll
--- below has read the menu and leaves Insert mode.
local function complete(keys)
  vim.bo.omnifunc = 'v:lua.vim.lsp.omnifunc'
  local words = {}
  local started = vim.uv.now()
  local function poll()
    local info = vim.fn.complete_info({ 'items' })
    if #(info.items or {}) > 0 or vim.uv.now() - started > 5000 then
      for _, item in ipairs(info.items or {}) do
        table.insert(words, item.abbr ~= '' and item.abbr or item.word)
      end
      vim.api.nvim_feedkeys(vim.keycode('<C-e><Esc>'), 'n', false)
    else
      vim.defer_fn(poll, 50)
    end
  end
  vim.defer_fn(poll, 50)
  vim.api.nvim_feedkeys(vim.keycode(keys .. '<C-x><C-o>'), 'tx!', false)
  return words
end

local function offered(words, needle)
  for _, w in ipairs(words) do
    if w:find(needle, 1, true) then
      return true
    end
  end
  return false
end

local PARTIAL = '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'

step('completion of a standard label in a 表三 row', function()
  -- The row of （二）部分公开 is missing: retype it.
  local row = find(buf, '| (二)部分公开')
  vim.api.nvim_win_set_cursor(0, { row + 1, 0 })
  local words = complete('cc| （二')
  check('completion menu opens in the 表三 row', #words > 0, 'no items')
  check(PARTIAL .. ' is offered', offered(words, PARTIAL), table.concat(words, ' | '))
  vim.cmd('silent edit!')
end)

step('pinyin completion, switched on in the settings', function()
  local client = client_of(buf)
  local row = find(buf, '| (二)部分公开')
  vim.api.nvim_win_set_cursor(0, { row + 1, 0 })
  local words = complete('cc| bfgk')
  check('pinyin initials “bfgk” match nothing while the setting is off', not offered(words, PARTIAL),
    table.concat(words, ' | '))
  vim.cmd('silent edit!')
  client.settings = vim.tbl_deep_extend('force', client.settings or {}, { nianbao = { completion = { pinyin = true } } })
  client:notify('workspace/didChangeConfiguration', { settings = client.settings })
  vim.api.nvim_win_set_cursor(0, { row + 1, 0 })
  words = complete('cc| bfgk')
  check('with nianbao.completion.pinyin, “bfgk” offers ' .. PARTIAL, offered(words, PARTIAL),
    table.concat(words, ' | '))
  vim.cmd('silent edit!')
  client.settings.nianbao.completion.pinyin = false
  client:notify('workspace/didChangeConfiguration', { settings = client.settings })
end)

step('hover over an article reference shows the text of the 条例', function()
  buf = open(fixture)
  wait(function()
    return client_of(buf) ~= nil
  end)
  local row, col = find(buf, '第五十条')
  vim.api.nvim_win_set_cursor(0, { row + 1, col + 3 })
  local text = ''
  local shown = wait(function()
    close_floats()
    vim.lsp.buf.hover()
    return wait(function()
      text = floats_text()
      return text ~= ''
    end, 2000)
  end)
  check('hover window opens on 第五十条', shown)
  check('hover shows 第五十条 of the 2019 条例 (“政府信息公开工作年度报告应当包括…”)',
    text:find('政府信息公开工作年度报告', 1, true) ~= nil, text)
  close_floats()
end)

step('quick fix of a wrong 表三 total', function()
  local row, _ = find(buf, '| 一、本年新收政府信息公开申请数量 |')
  local line = vim.api.nvim_buf_get_lines(buf, row, row + 1, false)[1]
  local col = #line - #'15 |'
  check('fixture row has the wrong total 15', line:sub(col + 1) == '15 |', line)
  local found = wait(function()
    for _, d in ipairs(diagnostics(buf, 'table-sum')) do
      if d.lnum == row and d.col == col then
        return true
      end
    end
    return false
  end)
  check('table-sum error on the total “15”', found, describe(diagnostics(buf, 'table-sum')))
  vim.api.nvim_win_set_cursor(0, { row + 1, col })
  -- The fix that writes a figure (the others offered on the same line
  -- disable the rule).
  local offered_fix = false
  vim.lsp.buf.code_action({
    apply = true,
    filter = function(action)
      if action.kind ~= 'quickfix' then
        return false
      end
      local for_row = false
      for _, d in ipairs(action.diagnostics or {}) do
        if d.code == 'table-sum' and d.range.start.line == row then
          for_row = true
        end
      end
      local writes_figure = false
      for _, edits in pairs((action.edit or {}).changes or {}) do
        for _, e in ipairs(edits) do
          if e.newText:match('^%d+$') then
            writes_figure = true
          end
        end
      end
      for _, change in ipairs((action.edit or {}).documentChanges or {}) do
        for _, e in ipairs(change.edits or {}) do
          if e.newText:match('^%d+$') then
            writes_figure = true
          end
        end
      end
      if for_row and writes_figure then
        offered_fix = true
        return true
      end
      return false
    end,
  })
  local fixed = wait(function()
    local now = vim.api.nvim_buf_get_lines(buf, row, row + 1, false)[1]
    return now:find('| 12 |$') ~= nil
  end)
  check('a quickfix code action for the table-sum diagnostic is offered', offered_fix)
  check('applying it writes the sum 12 in the buffer', fixed,
    vim.api.nvim_buf_get_lines(buf, row, row + 1, false)[1])
  local cleared = wait(function()
    for _, d in ipairs(diagnostics(buf, 'table-sum')) do
      if d.lnum == row then
        return false
      end
    end
    return true
  end)
  check('the table-sum error on that row is gone after the fix', cleared, describe(diagnostics(buf, 'table-sum')))
  vim.cmd('silent edit!')
end)

step('settings reach the server (workspace/didChangeConfiguration)', function()
  buf = open(example)
  local client = client_of(buf)
  wait(function()
    return #diagnostics(buf, 'prose-breakdown') > 0
  end)
  client.settings = vim.tbl_deep_extend('force', client.settings or {}, {
    nianbao = { rules = { ['prose-breakdown'] = 'off' } },
  })
  client:notify('workspace/didChangeConfiguration', { settings = client.settings })
  check('prose-breakdown off: its diagnostic disappears', wait(function()
    return #diagnostics(buf, 'prose-breakdown') == 0
  end), describe(diagnostics(buf)))
  check('other diagnostics stay', #diagnostics(buf, 'label-variant') > 0, describe(diagnostics(buf)))
  client.settings.nianbao.rules['prose-breakdown'] = 'error'
  client:notify('workspace/didChangeConfiguration', { settings = client.settings })
  check('prose-breakdown error: it comes back as an error', wait(function()
    local d = diagnostics(buf, 'prose-breakdown')[1]
    return d ~= nil and d.severity == vim.diagnostic.severity.ERROR
  end), describe(diagnostics(buf)))
end)

step('semantic tokens from the server', function()
  -- Neovim applies semantic tokens while drawing the screen, which a
  -- headless Neovim does not do: read the tokens it receives instead.
  buf = open(example)
  local client = client_of(buf)
  local legend = client.server_capabilities.semanticTokensProvider.legend.tokenTypes
  local r = client:request_sync('textDocument/semanticTokens/full',
    { textDocument = { uri = vim.uri_from_bufnr(buf) } }, TIMEOUT, buf)
  local data = r and r.result and r.result.data or {}
  check('the server sends semantic tokens', #data > 0, vim.inspect(r and r.err))
  -- Decode: (line, start, length, type) in UTF-8 bytes, as negotiated.
  local at = {}
  local line, start = 0, 0
  for i = 1, #data, 5 do
    if data[i] > 0 then
      line, start = line + data[i], data[i + 1]
    else
      start = start + data[i + 1]
    end
    at[line .. ':' .. start] = legend[data[i + 3] + 1]
  end
  local row, col = find(buf, '门户网站共发布各类信息2471条', '2471条')
  check('the figure 2471 is a token of type number', at[row .. ':' .. col] == 'number', tostring(at[row .. ':' .. col]))
  local arow, acol = find(buf, '| 第二十条第(一)项', '第二十条')
  check('the article reference 第二十条第(一)项 is a token of type function', at[arow .. ':' .. acol] == 'function',
    tostring(at[arow .. ':' .. acol]))
  local hrow, hcol = find(buf, '# 一、总体情况', '一、')
  local heading = at[hrow .. ':' .. hcol] or at[hrow .. ':0']
  check('the heading is a token of type namespace', heading == 'namespace', tostring(heading))
end)

step('formatting is nianbao fmt', function()
  buf = open(example)
  local before = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local bin = vim.lsp.config.nianbao.cmd[1]
  local r = vim.system({ bin, 'fmt', '-' }, { stdin = table.concat(before, '\n') .. '\n', text = true }):wait()
  check('nianbao fmt - runs', r.code == 0, r.stderr)
  vim.lsp.buf.format({ bufnr = buf, timeout_ms = TIMEOUT })
  local after = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
  check('the buffer after vim.lsp.buf.format() is the output of nianbao fmt', after == r.stdout)
  check('formatting aligned the tables (the example was not aligned)', after ~= table.concat(before, '\n') .. '\n')
  vim.cmd('silent edit!')
end)

step('the plugin queries are grammar/queries', function()
  for _, name in ipairs({ 'highlights.scm', 'folds.scm' }) do
    local a = table.concat(vim.fn.readfile(root .. '/grammar/queries/' .. name), '\n')
    local b = table.concat(vim.fn.readfile(root .. '/editors/nvim/queries/nianbao/' .. name), '\n')
    check('editors/nvim/queries/nianbao/' .. name .. ' is identical to grammar/queries/' .. name, a == b)
  end
  local files = vim.api.nvim_get_runtime_file('queries/nianbao/highlights.scm', true)
  check('Neovim loads the plugin highlights query', #files >= 1 and files[1]:find('editors/nvim', 1, true) ~= nil,
    table.concat(files, ', '))
end)

watchdog:stop()
finish()
