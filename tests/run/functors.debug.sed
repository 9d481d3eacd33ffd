s/^(\[INFO\] \[writer\] put 9 values and removed 1 in )[0-9]+ us$/\1N us/
