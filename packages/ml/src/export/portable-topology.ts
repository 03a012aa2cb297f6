/**
 * MobileNetV3's hard activations are a layer of our own (`DistilleryHardActivation`), which a plain
 * `tf.loadLayersModel` elsewhere cannot deserialise. An export replaces each one by built-in layers
 * with the same function (Howard et al. 2019, eq. 2) and no weights:
 *   hard_sigmoid(x) = relu6(x + 3) / 6  →  Rescaling(1, +3) → Activation(relu6) → Rescaling(1/6)
 *   hard_swish(x)   = x · hard_sigmoid(x) →  … → Multiply([x, gate])
 * The last layer keeps the original name, so every downstream reference stays valid.
 */
type LayerJson = {
  class_name: string;
  name: string;
  config: Record<string, unknown>;
  inbound_nodes: unknown[];
};

const CUSTOM = 'DistilleryHardActivation';

function layer(cls: string, name: string, config: Record<string, unknown>, inbound: unknown[]): LayerJson {
  return {
    class_name: cls,
    name,
    config: { name, trainable: true, dtype: 'float32', ...config },
    inbound_nodes: [inbound],
  };
}

function expand(l: LayerJson): LayerJson[] {
  const node = (l.inbound_nodes[0] as unknown[][])[0] as unknown[];
  const ref = (name: string) => [name, 0, 0, {}];
  const kind = l.config.kind as 'hard_swish' | 'hard_sigmoid';
  const gateName = kind === 'hard_sigmoid' ? l.name : `${l.name}__gate`;
  const out = [
    layer('Rescaling', `${l.name}__plus3`, { scale: 1, offset: 3 }, [node]),
    layer('Activation', `${l.name}__relu6`, { activation: 'relu6' }, [ref(`${l.name}__plus3`)]),
    layer('Rescaling', gateName, { scale: 1 / 6, offset: 0 }, [ref(`${l.name}__relu6`)]),
  ];
  if (kind === 'hard_swish') out.push(layer('Multiply', l.name, {}, [node, ref(gateName)]));
  return out;
}

/** The topology with every custom hard activation replaced by built-in layers (a copy). */
export function portableTopology(topology: Record<string, unknown>): Record<string, unknown> {
  const config = topology.config as { layers?: LayerJson[] } | undefined;
  if (!config?.layers?.some((l) => l.class_name === CUSTOM)) return topology;
  const layers = config.layers.flatMap((l) => (l.class_name === CUSTOM ? expand(l) : [l]));
  return { ...topology, config: { ...config, layers } };
}
