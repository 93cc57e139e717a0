-- ConvLab's language server in Neovim, the way the README configures it, in the form
-- Debian's Neovim 0.7 understands (vim.lsp.start and vim.fs.root came later).
-- CONVLAB_LSP_CMD is the command as a JSON list and CONVLAB_LSP_CWD its folder (the test
-- runs the server from the sources, where tsx resolves).
local cmd = vim.fn.json_decode(os.getenv('CONVLAB_LSP_CMD') or '["convlab", "lsp", "--stdio"]')
local client = vim.lsp.start_client({ name = 'convlab', cmd = cmd, cmd_cwd = os.getenv('CONVLAB_LSP_CWD'), root_dir = vim.fn.getcwd() })
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'python',
  callback = function(args) vim.lsp.buf_attach_client(args.buf, client) end,
})
