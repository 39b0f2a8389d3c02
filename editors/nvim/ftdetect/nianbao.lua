-- *.nianbao → filetype nianbao
vim.filetype.add({ extension = { nianbao = 'nianbao' } })
