import { describeArchitectureSteps } from '../testing/architecture-steps.suite.ts';

describeArchitectureSteps('cpu');
