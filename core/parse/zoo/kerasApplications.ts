/**
 * keras.applications' classic models, written here in plain Keras for ConvLab's reader (see
 * zoo/index.ts): VGG16/19, ResNet50/101/152, MobileNet, MobileNetV2 and DenseNet121, with
 * include_top, input_shape, pooling and classes as Keras takes them. Layer for layer as
 * Keras builds them (test/oracle/zoo_oracle.py checks every count against
 * keras.applications); the code is ConvLab's own. Weights are never loaded.
 */
export const KERAS_APPLICATIONS_SOURCE = String.raw`
import keras
from keras import layers


def default_shape(input_shape, include_top, size=224):
    if input_shape is not None:
        return input_shape
    if include_top:
        return (size, size, 3)
    return (None, None, 3)


def pooled(x, pooling):
    if pooling == "avg":
        return layers.GlobalAveragePooling2D()(x)
    if pooling == "max":
        return layers.GlobalMaxPooling2D()(x)
    return x


def top(x, include_top, pooling, classes, classifier_activation):
    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        return layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    return pooled(x, pooling)


def vgg(blocks, include_top, input_shape, pooling, classes, classifier_activation, name):
    img_input = layers.Input(shape=default_shape(input_shape, include_top))
    x = img_input
    for b, (filters, convs) in enumerate(blocks):
        for c in range(convs):
            x = layers.Conv2D(filters, (3, 3), activation="relu", padding="same")(x)
        x = layers.MaxPooling2D((2, 2), strides=(2, 2))(x)
    if include_top:
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(4096, activation="relu", name="fc1")(x)
        x = layers.Dense(4096, activation="relu", name="fc2")(x)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    else:
        x = pooled(x, pooling)
    return keras.Model(img_input, x, name=name)


def VGG16(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000, classifier_activation="softmax", name="vgg16"):
    return vgg([(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)], include_top, input_shape, pooling, classes, classifier_activation, name)


def VGG19(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000, classifier_activation="softmax", name="vgg19"):
    return vgg([(64, 2), (128, 2), (256, 4), (512, 4), (512, 4)], include_top, input_shape, pooling, classes, classifier_activation, name)


def imagenet_stem(img_input, use_bias):
    x = layers.ZeroPadding2D(padding=((3, 3), (3, 3)))(img_input)
    x = layers.Conv2D(64, 7, strides=2, use_bias=use_bias)(x)
    x = layers.BatchNormalization(axis=3, epsilon=1.001e-5)(x)
    x = layers.Activation("relu")(x)
    x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)))(x)
    return layers.MaxPooling2D(3, strides=2)(x)


def resnet_block(x, filters, stride=1, conv_shortcut=True):
    if conv_shortcut:
        shortcut = layers.Conv2D(4 * filters, 1, strides=stride)(x)
        shortcut = layers.BatchNormalization(axis=3, epsilon=1.001e-5)(shortcut)
    else:
        shortcut = x
    x = layers.Conv2D(filters, 1, strides=stride)(x)
    x = layers.BatchNormalization(axis=3, epsilon=1.001e-5)(x)
    x = layers.Activation("relu")(x)
    x = layers.Conv2D(filters, 3, padding="same")(x)
    x = layers.BatchNormalization(axis=3, epsilon=1.001e-5)(x)
    x = layers.Activation("relu")(x)
    x = layers.Conv2D(4 * filters, 1)(x)
    x = layers.BatchNormalization(axis=3, epsilon=1.001e-5)(x)
    x = layers.Add()([shortcut, x])
    return layers.Activation("relu")(x)


def resnet_stack(x, filters, blocks, stride1=2):
    x = resnet_block(x, filters, stride=stride1)
    for i in range(2, blocks + 1):
        x = resnet_block(x, filters, conv_shortcut=False)
    return x


def resnet(stacks, include_top, input_shape, pooling, classes, classifier_activation, name):
    img_input = layers.Input(shape=default_shape(input_shape, include_top))
    x = imagenet_stem(img_input, use_bias=True)
    x = resnet_stack(x, 64, stacks[0], stride1=1)
    x = resnet_stack(x, 128, stacks[1])
    x = resnet_stack(x, 256, stacks[2])
    x = resnet_stack(x, 512, stacks[3])
    x = top(x, include_top, pooling, classes, classifier_activation)
    return keras.Model(img_input, x, name=name)


def ResNet50(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000, classifier_activation="softmax", name="resnet50"):
    return resnet([3, 4, 6, 3], include_top, input_shape, pooling, classes, classifier_activation, name)


def ResNet101(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000, classifier_activation="softmax", name="resnet101"):
    return resnet([3, 4, 23, 3], include_top, input_shape, pooling, classes, classifier_activation, name)


def ResNet152(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000, classifier_activation="softmax", name="resnet152"):
    return resnet([3, 8, 36, 3], include_top, input_shape, pooling, classes, classifier_activation, name)


def make_divisible(v, divisor, min_value=None):
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


def inverted_res_block(inputs, expansion, stride, alpha, filters, block_id):
    in_channels = inputs.shape[-1]
    pointwise_filters = make_divisible(int(filters * alpha), 8)
    x = inputs
    if block_id:
        x = layers.Conv2D(expansion * in_channels, kernel_size=1, padding="same", use_bias=False)(x)
        x = layers.BatchNormalization(epsilon=1e-3, momentum=0.999)(x)
        x = layers.ReLU(6.0)(x)
    if stride == 2:
        size = x.shape[1:3]
        adjust = (1 - size[0] % 2, 1 - size[1] % 2)
        x = layers.ZeroPadding2D(padding=((1 - adjust[0], 1), (1 - adjust[1], 1)))(x)
    x = layers.DepthwiseConv2D(kernel_size=3, strides=stride, use_bias=False, padding="same" if stride == 1 else "valid")(x)
    x = layers.BatchNormalization(epsilon=1e-3, momentum=0.999)(x)
    x = layers.ReLU(6.0)(x)
    x = layers.Conv2D(pointwise_filters, kernel_size=1, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization(epsilon=1e-3, momentum=0.999)(x)
    if in_channels == pointwise_filters and stride == 1:
        return layers.Add()([inputs, x])
    return x


def MobileNetV2(input_shape=None, alpha=1.0, include_top=True, weights="imagenet", input_tensor=None, pooling=None, classes=1000, classifier_activation="softmax", name=None):
    img_input = layers.Input(shape=default_shape(input_shape, include_top))
    x = layers.Conv2D(make_divisible(32 * alpha, 8), kernel_size=3, strides=(2, 2), padding="same", use_bias=False)(img_input)
    x = layers.BatchNormalization(epsilon=1e-3, momentum=0.999)(x)
    x = layers.ReLU(6.0)(x)
    settings = [(16, 1, 1, 1), (24, 2, 6, 2), (32, 2, 6, 3), (64, 2, 6, 4), (96, 1, 6, 3), (160, 2, 6, 3), (320, 1, 6, 1)]
    block_id = 0
    for filters, stride, expansion, repeats in settings:
        for i in range(repeats):
            x = inverted_res_block(x, filters=filters, alpha=alpha, stride=stride if i == 0 else 1, expansion=expansion, block_id=block_id)
            block_id += 1
    last_block_filters = make_divisible(1280 * alpha, 8) if alpha > 1.0 else 1280
    x = layers.Conv2D(last_block_filters, kernel_size=1, use_bias=False)(x)
    x = layers.BatchNormalization(epsilon=1e-3, momentum=0.999)(x)
    x = layers.ReLU(6.0)(x)
    x = top(x, include_top, pooling, classes, classifier_activation)
    return keras.Model(img_input, x, name=name or "mobilenetv2_%s_%d" % (str(alpha), 224))


def depthwise_conv_block(inputs, pointwise_conv_filters, alpha, strides=(1, 1)):
    pointwise_conv_filters = int(pointwise_conv_filters * alpha)
    if strides == (1, 1):
        x = inputs
    else:
        x = layers.ZeroPadding2D(((0, 1), (0, 1)))(inputs)
    x = layers.DepthwiseConv2D((3, 3), padding="same" if strides == (1, 1) else "valid", strides=strides, use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU(6.0)(x)
    x = layers.Conv2D(pointwise_conv_filters, (1, 1), padding="same", use_bias=False, strides=(1, 1))(x)
    x = layers.BatchNormalization()(x)
    return layers.ReLU(6.0)(x)


def MobileNet(input_shape=None, alpha=1.0, depth_multiplier=1, dropout=1e-3, include_top=True, weights="imagenet", input_tensor=None, pooling=None, classes=1000, classifier_activation="softmax", name=None):
    img_input = layers.Input(shape=default_shape(input_shape, include_top))
    x = layers.Conv2D(int(32 * alpha), (3, 3), padding="same", use_bias=False, strides=(2, 2))(img_input)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU(6.0)(x)
    for filters, strides in [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1)]:
        x = depthwise_conv_block(x, filters, alpha, strides=(strides, strides))
    if include_top:
        x = layers.GlobalAveragePooling2D(keepdims=True)(x)
        x = layers.Dropout(dropout)(x)
        x = layers.Conv2D(classes, (1, 1), padding="same")(x)
        x = layers.Reshape((classes,))(x)
        x = layers.Activation(activation=classifier_activation)(x)
    else:
        x = pooled(x, pooling)
    return keras.Model(img_input, x, name=name or "mobilenet_%0.2f_%s" % (alpha, 224))


def dense_conv_block(x, growth_rate):
    x1 = layers.BatchNormalization(axis=3, epsilon=1.001e-5)(x)
    x1 = layers.Activation("relu")(x1)
    x1 = layers.Conv2D(4 * growth_rate, 1, use_bias=False)(x1)
    x1 = layers.BatchNormalization(axis=3, epsilon=1.001e-5)(x1)
    x1 = layers.Activation("relu")(x1)
    x1 = layers.Conv2D(growth_rate, 3, padding="same", use_bias=False)(x1)
    return layers.Concatenate(axis=3)([x, x1])


def transition_block(x, reduction):
    x = layers.BatchNormalization(axis=3, epsilon=1.001e-5)(x)
    x = layers.Activation("relu")(x)
    x = layers.Conv2D(int(x.shape[3] * reduction), 1, use_bias=False)(x)
    return layers.AveragePooling2D(2, strides=2)(x)


def densenet(blocks, include_top, input_shape, pooling, classes, classifier_activation, name):
    img_input = layers.Input(shape=default_shape(input_shape, include_top))
    x = imagenet_stem(img_input, use_bias=False)
    for i, n in enumerate(blocks):
        for _ in range(n):
            x = dense_conv_block(x, 32)
        if i != len(blocks) - 1:
            x = transition_block(x, 0.5)
    x = layers.BatchNormalization(axis=3, epsilon=1.001e-5)(x)
    x = layers.Activation("relu")(x)
    x = top(x, include_top, pooling, classes, classifier_activation)
    return keras.Model(img_input, x, name=name)


def DenseNet121(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000, classifier_activation="softmax", name="densenet121"):
    return densenet([6, 12, 24, 16], include_top, input_shape, pooling, classes, classifier_activation, name)
`;

/** keras.applications names → the builder above. */
export const KERAS_APPLICATIONS: Readonly<Record<string, string>> = {
  VGG16: 'VGG16', VGG19: 'VGG19', ResNet50: 'ResNet50', ResNet101: 'ResNet101', ResNet152: 'ResNet152',
  MobileNet: 'MobileNet', MobileNetV2: 'MobileNetV2', DenseNet121: 'DenseNet121',
};
