from cwassess.cli import main

main()
