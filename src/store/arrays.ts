/**
 * An integer array as one text parameter, `{1,2,3}`, for `${intArray(ids)}::int[]`: both drivers'
 * array encoders cost more per element than the query itself on the arrays of a bulk import.
 */
export function intArray(xs: readonly number[]): string {
  return `{${xs.join(',')}}`;
}
