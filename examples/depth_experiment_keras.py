# The lecture's depth experiment: 0 to 24 hidden Dense(512, elu) layers on MNIST, Adam,
# categorical cross-entropy, batch 256, early stopping with patience 5.
import keras

num_classes = 10
early_stopping = keras.callbacks.EarlyStopping(monitor="val_loss",
                                               min_delta=0,
                                               patience=5,
                                               restore_best_weights=True)

num_layers = 4
model = keras.Sequential()
model.add(keras.layers.Input(shape=(28, 28)))
model.add(keras.layers.Flatten())
for l in range(num_layers):
    model.add(keras.layers.Dense(units=512, activation='elu'))
model.add(keras.layers.Dense(units=num_classes, activation='softmax'))
model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
