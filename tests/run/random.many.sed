s/^(\[INFO\] \[show_random\] +[0-9]+: )[0-9a-f]{32}$/\1<32 hex digits>/
