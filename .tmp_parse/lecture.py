early_stopping = keras.callbacks.EarlyStopping(monitor="val_loss",
                                                min_delta=0,
                                                patience=5,
                                                restore_best_weights=True)

for idx, num_layers in enumerate(range(25)):
    # define model
    model = keras.Sequential()
    model.add(keras.layers.Input(shape=x_train[0].shape))
    model.add(keras.layers.Flatten())
    for l in range(num_layers):
        model.add(keras.layers.Dense(units=512, activation='elu'))
    model.add(keras.layers.Dense(units=num_classes, activation='softmax'))

    # compile model
    model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])

    # train model
    history = model.fit(x_train, y_train,
                        batch_size=256,
                        epochs=100,
                        validation_data=(x_test, y_test),
                        callbacks=[early_stopping])

    #
    train_loss[idx], train_acc[idx] = model.evaluate(x_train, y_train, verbose=0)
    valid_loss[idx], valid_acc[idx] = model.evaluate(x_test, y_test, verbose=0)
