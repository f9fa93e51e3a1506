import Commands

await VansCommand.main()
