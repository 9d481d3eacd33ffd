# Either outcome is right (the work takes a random time), in this format.
s/^\[INFO\] \[race\] Work finished after [0-9]+ ms, before the timeout of 500 ms$/[INFO] [race] <the work or the timeout won>/
s/^\[INFO\] \[race\] Timed out after 500 ms, the work needed [0-9]+ ms$/[INFO] [race] <the work or the timeout won>/
