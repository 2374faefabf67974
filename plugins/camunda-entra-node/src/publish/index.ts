export * from './localPublishConfig';
export * from './localRepository';
