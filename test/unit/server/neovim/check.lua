-- Run in the Keras file's buffer: waits for ConvLab's diagnostics, asks for a hover on the
-- Conv2D call, writes both to CONVLAB_NVIM_OUT as JSON and quits.
local out = os.getenv('CONVLAB_NVIM_OUT')
vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(diagnostics, { line = d.lnum, message = d.message, severity = d.severity, source = d.source })
end
local line, col = nil, nil
for i, text in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
  local c = text:find('Conv2D%(8')
  if c and not line then line, col = i - 1, c end
end
local hover = ''
local replies = vim.lsp.buf_request_sync(0, 'textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = line, character = col },
}, 20000) or {}
for _, r in pairs(replies) do
  if r.result and r.result.contents then hover = hover .. (r.result.contents.value or '') end
end
local f = io.open(out, 'w')
f:write(vim.fn.json_encode({ diagnostics = diagnostics, hover = hover }))
f:close()
vim.cmd('qa!')
