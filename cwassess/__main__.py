from cwassess.entry import run

run()
