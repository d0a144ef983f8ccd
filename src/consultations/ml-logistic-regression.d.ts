// The types of the one class used from ml-logistic-regression (the package ships none).
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';

  interface TwoClasses {
    weights: Matrix;
    testScores(features: Matrix): number[];
  }
  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    classifiers: TwoClasses[];
    numberClasses: number;
    train(features: Matrix, classes: Matrix): void;
    predict(features: Matrix): number[];
  }
}
