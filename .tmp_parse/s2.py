a = b = 3
x: int = 5
c += 2
lst.append(nn.Conv2d(1, 2, 3))
k = [nn.Linear(5, 5) for _ in range(n)]
y = a if b else c
z = not a and b or c is None
q = a == 1
w = (3)
e = 3.5e-3
h = 1_000
r = x.shape[0]
s = {'a': 1}
t = "ab" "cd"
u = ...
while True:
    break
try:
    a = 1
except Exception as e:
    pass
finally:
    b = 2
model.add(layers.Dense(
