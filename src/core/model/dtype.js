// Element types as the shared model knows them: a name, bytes per element, and whether it is floating point.
export class Dtype {
    name;
    bytes;
    isFloat;
    constructor(name, bytes, isFloat) {
        this.name = name;
        this.bytes = bytes;
        this.isFloat = isFloat;
    }
}
