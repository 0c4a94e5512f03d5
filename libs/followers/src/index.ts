export * from './holder';
export * from './follower-context';
export * from './lease';
export * from './log-follower';
export * from './follower-checkpoints';
export * from './follower-status';
export * from './followers.module';
