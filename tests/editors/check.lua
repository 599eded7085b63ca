-- Neovim 0.7+ headless check: diagnostic, hover, quick fix, diagnostic gone.
-- Env: MPGUARD_SNIPPET (the docs/editors.md Neovim 0.7 snippet, server command substituted),
--      MPGUARD_FILE (the blog program), MPGUARD_OUT (where the JSON result goes).
local out = {}
local function finish(ok, why)
  out.ok = ok
  out.error = why
  local f = io.open(os.getenv("MPGUARD_OUT"), "w")
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd(ok and "qall!" or "cquit!")
end

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local ok, err = pcall(function()
  -- The docs/editors.md "Neovim 0.7" snippet (a FileType autocmd), with the test's server command.
  dofile(os.getenv("MPGUARD_SNIPPET"))
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("MPGUARD_FILE")))
  vim.bo.filetype = "python"  -- `-u NONE` has no filetype detection; this fires the autocmd
  local bufnr = vim.api.nvim_get_current_buf()
  -- the client is listed once it has initialized
  vim.wait(20000, function() return next(vim.lsp.buf_get_clients(bufnr)) ~= nil end, 20)
  local client_id = next(vim.lsp.buf_get_clients(bufnr))
  if client_id == nil then error("the snippet attached no client") end
  local client = vim.lsp.get_client_by_id(client_id)

  -- 1. the diagnostic
  if not vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then
    error("no diagnostics")
  end
  local d = vim.diagnostic.get(bufnr)[1]
  out.diagnostic = { code = code_of(d), lnum = d.lnum, col = d.col, message = d.message, source = d.source }

  -- 2. the hover, in the middle of the flagged call
  local uri = vim.uri_from_bufnr(bufnr)
  local pos = { textDocument = { uri = uri }, position = { line = d.lnum, character = d.col + 3 } }
  local hover = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", pos, 10000)
  local contents = hover and hover[client_id] and hover[client_id].result and hover[client_id].result.contents
  out.hover = contents and (contents.value or contents) or vim.NIL

  -- 3. the quick fix, as `vim.lsp.buf.code_action()` would request it at the cursor
  local params = vim.lsp.util.make_range_params()
  params.range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.lnum, character = d.col } }
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, d.lnum) }
  local answer = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 10000)
  local actions = (answer and answer[client_id] and answer[client_id].result) or {}
  local chosen = nil
  out.actions = {}
  for _, a in ipairs(actions) do
    table.insert(out.actions, a.title)
    if a.kind == "quickfix" and (chosen == nil or a.isPreferred) then chosen = a end
  end
  if chosen == nil then error("no quick fix offered") end
  out.applied = chosen.title
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)

  -- 4. the diagnostic goes away after the edit (didChange is sent by the buffer attach)
  local gone = vim.wait(20000, function()
    for _, x in ipairs(vim.diagnostic.get(bufnr)) do
      if code_of(x) == out.diagnostic.code then return false end
    end
    return true
  end, 20)
  out.remaining = #vim.diagnostic.get(bufnr)
  out.text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
  if not gone then error("the diagnostic did not go away after the fix") end
end)
finish(ok, ok and vim.NIL or tostring(err))
