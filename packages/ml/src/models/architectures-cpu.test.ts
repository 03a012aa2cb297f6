import { describeArchitectureSteps } from './architecture-suite.ts';

describeArchitectureSteps('cpu');
