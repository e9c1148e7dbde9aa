import { overlapSuite } from './overlap-suite';

overlapSuite('firefox', ['default', 'fixed-header']);
