export type LayerProblem = {
  /** A rule of .dependency-cruiser.cjs, or "no-area-cycle". */
  rule: string;
  message: string;
  from?: string;
  to?: string;
  /** no-area-cycle: the areas that import each other, and the imports that connect them. */
  areas?: string[];
  imports?: string[];
};

export function areaOf(file: string): string | null;
export function checkLayers(root?: string): Promise<{ modules: number; problems: LayerProblem[] }>;
