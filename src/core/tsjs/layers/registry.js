import * as core from './core';
import * as conv from './conv';
import * as pool from './pool';
import * as rnn from './recurrent';
import * as norm from './norm';
import * as merge from './merge';
import * as resize from './resize';
import * as simple from './simple';
import * as wrappers from './wrappers';
import { dot } from './dot';
const aliases = {
    avgPool1d: pool.averagePooling1d,
    avgPool2d: pool.averagePooling2d,
    avgPooling1d: pool.averagePooling1d,
    avgPooling2d: pool.averagePooling2d,
    maxPool1d: pool.maxPooling1d,
    maxPool2d: pool.maxPooling2d,
    globalMaxPool1d: pool.globalMaxPooling1d,
    globalMaxPool2d: pool.globalMaxPooling2d,
    avgPool3d: pool.averagePooling3d,
    avgPooling3d: pool.averagePooling3d,
};
export const layerSpecs = new Map(Object.entries({
    ...core,
    ...conv,
    ...pool,
    ...rnn,
    ...norm,
    ...merge,
    ...resize,
    ...simple,
    ...wrappers,
    dot,
    ...aliases,
}));
