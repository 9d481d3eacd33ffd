# The readings vary; their format does not.
s/: wall clock 20[2-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]\.[0-9]{3}Z, [0-9]+\.[0-9]{3} s since the start$/: wall clock YYYY-MM-DDThh:mm:ss.sssZ, S.sss s since the start/
