s/^(\[INFO\] \[heads\] Finished after )[0-9]+ ms:/\1N ms:/
