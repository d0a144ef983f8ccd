/**
 * The five London sectors drawn as a schematic map: each a labelled shape, north of the Thames
 * North West, North Central and North East, south of it South West and South East. Not to scale:
 * it shows which sector is which, and for a chosen service how many providers each has, a gap
 * marked by a hatched pattern and the words "No provider" so colour is never the only sign.
 */
import type { SectorCell } from './market-rules.ts';

interface SectorShape {
  points: string;
  label: { x: number; y: number };
}

/** The shapes share their edges: the Thames runs along the north shapes' southern edges. */
const shapes: Record<string, SectorShape> = {
  'north-west': {
    points: '30,170 60,90 150,40 230,50 240,215 170,235 90,225',
    label: { x: 140, y: 145 },
  },
  'north-central': {
    points: '230,50 330,30 370,60 375,205 300,220 240,215',
    label: { x: 305, y: 125 },
  },
  'north-east': {
    points: '370,60 470,50 560,110 575,190 480,215 375,205',
    label: { x: 470, y: 140 },
  },
  'south-west': {
    points: '30,170 90,225 170,235 240,215 300,220 310,380 170,385 60,330',
    label: { x: 185, y: 305 },
  },
  'south-east': {
    points: '300,220 375,205 480,215 575,190 560,300 470,370 310,380',
    label: { x: 440, y: 290 },
  },
};

export const thamesPath =
  'M 10 178 L 30 170 L 90 225 L 170 235 L 240 215 L 300 220 L 375 205 L 480 215 L 575 190 L 595 196';

export interface MapSector {
  sectorId: string;
  name: string;
  points: string;
  labelX: number;
  labelY: number;
  /** "3 providers", "1 provider" or "No provider". */
  countText: string;
  isGap: boolean;
}

export function providersInWords(count: number): string {
  if (count === 0) return 'No provider';
  return `${count} provider${count === 1 ? '' : 's'}`;
}

/** The map's sectors for one service: its shape, its label and its count in words. */
export function mapOf(cells: readonly SectorCell[]): MapSector[] {
  return cells.flatMap((cell) => {
    const shape = shapes[cell.sectorId];
    if (!shape) return [];
    return [
      {
        sectorId: cell.sectorId,
        name: cell.sectorName,
        points: shape.points,
        labelX: shape.label.x,
        labelY: shape.label.y,
        countText: providersInWords(cell.providers.length),
        isGap: cell.isGap,
      },
    ];
  });
}

/** The map's description in words, for the SVG's desc: the same facts as the table beside it. */
export function mapDescription(serviceArea: string, cells: readonly SectorCell[]): string {
  const parts = cells.map(
    (cell) => `${cell.sectorName}: ${providersInWords(cell.providers.length).toLowerCase()}`,
  );
  return `Providers of ${serviceArea.toLowerCase()} services in each of London’s five sectors. ${parts.join('; ')}.`;
}
