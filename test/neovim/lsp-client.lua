-- Headless Neovim (0.7.2, Debian 12) as an LSP client, driven by test/neovim/run-neovim.mjs:
--   CASEREC_NVIM_CONFIG=cfg.json nvim --headless -u NONE -i NONE -n -c 'luafile test/neovim/lsp-client.lua'
-- cfg.json: {
--   "cmd": ["node", "server.js", "--stdio"], "root": "/abs/root", "file": "/abs/file",
--   "out": "/abs/result.json", "timeout_ms": 15000, "min_diagnostics": 1,
--   "requests": [ { "name": "hover", "method": "textDocument/hover", "line": 0, "character": 2 } ]
-- }
-- Writes the result as JSON to cfg.out and exits 0, or 1 when something failed or timed out.
-- Neovim 0.7 has no vim.lsp.start: vim.lsp.start_client + vim.lsp.buf_attach_client instead.
local result = { ok = false, errors = {}, timings = {}, requests = {} }
local t0 = vim.loop.hrtime()
local function ms() return math.floor((vim.loop.hrtime() - t0) / 1e6) end
local function err(msg) table.insert(result.errors, msg) end

local cfg_path = os.getenv('CASEREC_NVIM_CONFIG')
local cfg

local function write_result()
  if not (cfg and cfg.out) then return end
  local f = io.open(cfg.out, 'w')
  if f then
    f:write(vim.json.encode(result))
    f:close()
  end
end

local function main()
  assert(cfg_path, 'CASEREC_NVIM_CONFIG is not set')
  local f = assert(io.open(cfg_path, 'r'))
  cfg = vim.json.decode(f:read('*a'))
  f:close()
  local timeout = cfg.timeout_ms or 15000
  local min_diags = cfg.min_diagnostics or 0

  vim.cmd('edit ' .. vim.fn.fnameescape(cfg.file))
  local bufnr = vim.api.nvim_get_current_buf()

  local exit_info
  local client_id = vim.lsp.start_client({
    name = 'caserec-test',
    cmd = cfg.cmd,
    cmd_cwd = cfg.cwd or cfg.root,
    root_dir = cfg.root,
    on_exit = function(code, signal) exit_info = { code = code, signal = signal } end,
  })
  if not client_id then
    err('vim.lsp.start_client failed for ' .. table.concat(cfg.cmd, ' '))
    return
  end
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- 1. initialize handshake done (server_capabilities is set from the initialize response)
  local inited = vim.wait(timeout, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return (c ~= nil and c.initialized == true) or exit_info ~= nil
  end, 20)
  local client = vim.lsp.get_client_by_id(client_id)
  if not inited or not client or exit_info then
    err('server did not initialize' .. (exit_info and (' (exited with ' .. tostring(exit_info.code) .. ')') or ''))
    return
  end
  result.timings.initialized_ms = ms()
  result.server_info = client.server_info or vim.NIL

  -- 2. diagnostics (published after didOpen, which buf_attach_client sends)
  if min_diags > 0 then
    local got = vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) >= min_diags end, 20)
    if not got then err('timed out waiting for ' .. min_diags .. ' diagnostic(s)') end
  else
    vim.wait(cfg.settle_ms or 500, function() return false end, 20)
  end
  result.timings.diagnostics_ms = ms()
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, {
      line = d.lnum, character = d.col, end_line = d.end_lnum, end_character = d.end_col,
      severity = d.severity, message = d.message, source = d.source or vim.NIL, code = d.code or vim.NIL,
    })
  end

  -- 3. requests at positions (hover, definition, completion, …): result of the first server that answers
  local uri = vim.uri_from_bufnr(bufnr)
  for _, r in ipairs(cfg.requests or {}) do
    local params = r.params or { textDocument = { uri = uri }, position = { line = r.line, character = r.character } }
    if r.params == nil and r.method == 'textDocument/documentSymbol' then params = { textDocument = { uri = uri } } end
    local responses, rerr = vim.lsp.buf_request_sync(bufnr, r.method, params, r.timeout_ms or timeout)
    local entry = { method = r.method, result = vim.NIL }
    if not responses then
      entry.error = tostring(rerr or 'timeout')
      err((r.name or r.method) .. ': ' .. entry.error)
    else
      for _, resp in pairs(responses) do
        if resp.error then entry.error = vim.inspect(resp.error) ; err((r.name or r.method) .. ': ' .. entry.error) else entry.result = resp.result == nil and vim.NIL or resp.result end
      end
    end
    entry.ms = ms()
    result.requests[r.name or r.method] = entry
  end

  -- 4. shut the server down cleanly (shutdown + exit)
  vim.lsp.stop_client(client_id)
  vim.wait(3000, function() return vim.lsp.client_is_stopped(client_id) end, 20)
  result.timings.total_ms = ms()
  result.ok = #result.errors == 0
end

local ok, e = pcall(main)
if not ok then err('lua error: ' .. tostring(e)) ; result.ok = false end
if vim.tbl_isempty(result.requests) then result.requests = vim.empty_dict() end
pcall(write_result)
-- :cquit N exits with code N even if buffers or jobs are still around
vim.cmd((result.ok and 'qall!') or 'cquit 1')
