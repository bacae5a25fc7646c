import { beginSpec, expectInvariants } from './invariants';

// Every scenario of every spec ends with DESIGN.md section 6 checked on the stores.
beforeAll(() => beginSpec());
afterEach(() => expectInvariants(), 60_000);
