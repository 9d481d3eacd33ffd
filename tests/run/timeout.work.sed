s/^(\[INFO\] \[race\] Work finished after )[0-9]+( ms, )/\1N\2/
