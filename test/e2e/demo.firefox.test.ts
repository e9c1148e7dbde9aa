import { demoSuite } from './demo-suite';

demoSuite('firefox');
