import '@testing-library/jest-dom';

// The tests render whole pages with Material UI, which takes seconds on a busy shared machine.
jest.setTimeout(15_000);
