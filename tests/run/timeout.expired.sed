s/^(\[INFO\] \[race\] Timed out after 0 ms, the work needed )[0-9]+ ms$/\1N ms/
