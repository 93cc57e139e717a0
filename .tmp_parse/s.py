from tensorflow.keras.layers import Conv2D as C, Dense
from keras.layers import *
import tensorflow as tf
x = -3
n = 64 * 5 // 2
s = (28, 28, 1)
l = [1, 2]
t = 'same'
b = f"x{y}"
model.add(C(32, (3, 3), padding="same", input_shape=(28,28,1)))
for l in range(num_layers):
    pass
for idx, nl in enumerate(range(25)):
    model = x
if a:
    y = 1
elif b:
    y = 2
else:
    y = 3
d = OrderedDict([('conv', nn.Conv2d(1, 2, 3))])
x = x.view(x.size(0), -1)
z = foo(*args, **kw)
with a as b:
    q = None
v = True
w = x[0].shape
def f(a, b=4, *c, d=5, **e):
    return a
m = keras.Model(inputs=inp, outputs=out)
@dec
class A(nn.Module):
    pass
