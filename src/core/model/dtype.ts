// Element types as the shared model knows them: a name, bytes per element, and whether it is floating point.
export class Dtype {
  constructor(
    readonly name: string,
    readonly bytes: number,
    readonly isFloat: boolean,
  ) {}
}
