package org.groundwork.assist.torchscript;

/** The largest 6-connected piece of one label in a label map, as its extent: why a stray speck never widens a box. */
final class LargestComponent {
    private LargestComponent() {
    }

    /**
     * The extent of the label's largest component on a grid of {@code size} (C order over i, j, k):
     * {min i, j, k, max i, j, k (exclusive), share of the label's voxels in it, in thousandths}; null when absent.
     */
    static int[] extent(int[] labels, int[] size, int label) {
        int[] component = new int[labels.length]; // 0: not visited
        int[] queue = new int[labels.length];
        int best = -1;
        int bestCount = 0;
        int total = 0;
        int[] bestBox = null;
        int next = 0;
        for (int start = 0; start < labels.length; start++) {
            if (labels[start] != label || component[start] != 0) {
                continue;
            }
            next++;
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            component[start] = next;
            int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0, 0};
            while (head < tail) {
                int v = queue[head++];
                int k = v % size[2];
                int j = (v / size[2]) % size[1];
                int i = v / (size[1] * size[2]);
                int[] p = {i, j, k};
                for (int a = 0; a < 3; a++) {
                    box[a] = Math.min(box[a], p[a]);
                    box[a + 3] = Math.max(box[a + 3], p[a] + 1);
                }
                int[][] neighbours = {{i - 1, j, k}, {i + 1, j, k}, {i, j - 1, k}, {i, j + 1, k}, {i, j, k - 1}, {i, j, k + 1}};
                for (int[] n : neighbours) {
                    if (n[0] < 0 || n[1] < 0 || n[2] < 0 || n[0] >= size[0] || n[1] >= size[1] || n[2] >= size[2]) {
                        continue;
                    }
                    int w = (n[0] * size[1] + n[1]) * size[2] + n[2];
                    if (labels[w] == label && component[w] == 0) {
                        component[w] = next;
                        queue[tail++] = w;
                    }
                }
            }
            total += tail;
            if (tail > bestCount) {
                bestCount = tail;
                best = next;
                bestBox = box;
            }
        }
        if (best < 0) {
            return null;
        }
        return new int[] {bestBox[0], bestBox[1], bestBox[2], bestBox[3], bestBox[4], bestBox[5],
            (int) Math.round(1000.0 * bestCount / total)};
    }
}
