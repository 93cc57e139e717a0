a, b = 1, 2
x[1:2]
for i, (a, b) in enumerate(z):
    pass
else:
    pass
with open(f) as g, h:
    pass
r = [y for y in z if y > 1]
not_in = a not in b
is_not = a is not b
lam = lambda q: q
def g(x: int = 3, *, y) -> int:
    return
