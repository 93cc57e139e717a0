a = b | c
return x, y
