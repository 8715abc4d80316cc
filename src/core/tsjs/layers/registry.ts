// tf.layers factory names mapped to their layer specs.
import type { LayerSpec } from '../layer';
import * as core from './core';
import * as conv from './conv';
import * as pool from './pool';
import * as rnn from './recurrent';
import * as norm from './norm';
import * as merge from './merge';
import * as resize from './resize';

export const layerSpecs = new Map<string, LayerSpec>(Object.entries({
  ...core, ...conv, ...pool, ...rnn, ...norm, ...merge, ...resize,
}));
