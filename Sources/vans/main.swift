import Commands

await VansCLI.main()
