import { ArrayMaxSize } from 'class-validator';
import { MAX_ITEMS } from '@provenance/domain';

/** `@ArrayMaxSize` at the list's maximum from MAX_ITEMS, with a message naming the field and the maximum. */
export const HoldsAtMost = (list: keyof typeof MAX_ITEMS, field: string = list) =>
  ArrayMaxSize(MAX_ITEMS[list], { message: `${field} must hold at most ${MAX_ITEMS[list]} items` });
