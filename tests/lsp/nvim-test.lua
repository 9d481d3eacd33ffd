-- SPDX-License-Identifier: MIT
--
-- nvim-test.lua - Neovim's own LSP client against `mirc lsp` (run by
-- nvim.sh: nvim --headless --clean -u nvim-test.lua).  It opens
-- $MIR_FILE with the set-up the README documents (which starts the
-- client when the file type is mir), introduces a typo and waits for its
-- diagnostic, then asks for hover and definitions and checks the answers.
-- Prints SUCCESS and exits 0, or says what failed and exits 1.
local mirc = os.getenv("MIRC")
local file = os.getenv("MIR_FILE")
local failures = 0

local function check(ok, what)
  io.stderr:write((ok and "ok: " or "FAIL: ") .. what .. "\n")
  if not ok then failures = failures + 1 end
end

local function finish()
  if failures == 0 then io.stderr:write("SUCCESS\n") end
  vim.cmd(failures == 0 and "qa!" or "cquit 1")
end

local cmd = {}
for word in (os.getenv("MIRC_WRAPPER") or ""):gmatch("%S+") do
  table.insert(cmd, word)
end
table.insert(cmd, mirc)
table.insert(cmd, "lsp")

-- The set-up of the README and mirc-lsp(1), with the mirc under test:
-- vim.lsp.start where Neovim has it (0.8+), else start_client and
-- buf_attach_client (0.7, Debian 12).
vim.cmd("autocmd BufRead,BufNewFile *.mir setfiletype mir")
local mirc_client
vim.api.nvim_create_autocmd("FileType", {
  pattern = "mir",
  callback = function(ev)
    local config = { name = "mirc", cmd = cmd,
                     root_dir = vim.fn.expand("%:p:h") }
    if vim.lsp.start then
      mirc_client = vim.lsp.start(config)
    else
      mirc_client = mirc_client or vim.lsp.start_client(config)
      vim.lsp.buf_attach_client(ev.buf, mirc_client)
    end
  end,
})

vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local client = mirc_client
check(vim.bo[buf].filetype == "mir", "the file type is mir")
check(client ~= nil, "the client started")
if not client then return finish() end

-- The position of the first `needle` (0-based line, byte column, which
-- is the UTF-16 column in this ASCII file), plus offset.
local function pos(needle, offset)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local c = line:find(needle, 1, true)
    if c then return { line = i - 1, character = c - 1 + (offset or 0) } end
  end
  error("not in the file: " .. needle)
end

local function ask(method, needle, offset)
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) },
                   position = pos(needle, offset) }
  local answers = vim.lsp.buf_request_sync(buf, method, params, 20000)
  local a = answers and answers[client]
  return a and a.result
end

-- The clean file first: no diagnostics once the server has answered.
local clean = vim.wait(30000, function()
  return vim.lsp.get_client_by_id(client).initialized
end, 50)
check(clean, "the server initialized")

-- A typo: the diagnostic of `mirc check`, with its check's name.
local l = pos("src = chosen").line
local text = vim.api.nvim_buf_get_lines(buf, l, l + 1, false)[1]
vim.api.nvim_buf_set_lines(buf, l, l + 1, false,
  { (text:gsub("src = chosen", "src = chosn")) })
local got = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local d = vim.diagnostic.get(buf)[1]
check(got and d ~= nil, "a diagnostic arrived")
if d then
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  check(code == "unknown-name", "its check is unknown-name (" .. tostring(code) .. ")")
  check(d.lnum == l and d.col == text:find("chosen", 1, true) - 1,
        "at the typo (" .. d.lnum .. ":" .. d.col .. ")")
  check(d.message:find("did you mean 'chosen'", 1, true) ~= nil,
        "with the suggestion: " .. d.message)
end

-- Undo it: the diagnostics go away.
vim.api.nvim_buf_set_lines(buf, l, l + 1, false, { text })
check(vim.wait(30000, function() return #vim.diagnostic.get(buf) == 0 end, 50),
      "the fix clears the diagnostics")

local h = ask("textDocument/hover", "high_source(", 2)
local v = h and h.contents and h.contents.value or ""
check(v:find("A loud source of numbers", 1, true) ~= nil and
      v:find("level: int = 1", 1, true) ~= nil, "hover on an impl: " .. v)
h = ask("textDocument/hover", "CONSOLE", 0)
v = h and h.contents and h.contents.value or ""
check(v:find("int write(const void *buf, size_t len);", 1, true) ~= nil,
      "hover on a signature shows its C prototype")

local function target(r)
  if r and r[1] then r = r[1] end
  return r and r.uri or "", r and r.range and r.range.start.line or -1
end
local uri, line = target(ask("textDocument/definition", "high_source(", 0))
check(uri:match("/tests/lsp/inputs/lib%.mir$") ~= nil and line == 14,
      "definition across the import: " .. uri .. ":" .. line)
uri, line = target(ask("textDocument/definition", "CONSOLE", 0))
check(uri:match("/stdlib/prelude%.mir$") ~= nil and line >= 0,
      "definition into the prelude: " .. uri .. ":" .. line)

vim.lsp.stop_client(client)
vim.wait(10000, function() return vim.lsp.get_client_by_id(client) == nil end, 50)
finish()
