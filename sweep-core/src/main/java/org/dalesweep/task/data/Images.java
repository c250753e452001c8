package org.dalesweep.task.data;

/**
 * Grey-level images as IDX stores them: {@code count} images of {@code rows × cols} unsigned bytes,
 * row-major, one after another. The pixel array is owned by this record and never modified after
 * construction (callers that build one hand their array over).
 */
public record Images(int count, int rows, int cols, byte[] pixels) {

    public Images {
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("images: count " + count + ", rows " + rows + ", cols " + cols
                    + " (rows and cols must be positive)");
        }
        if ((long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException("images: " + pixels.length + " pixels, expected " + count + "·" + rows + "·" + cols);
        }
    }

    /** Pixel (r, c) of image i in [0, 255]. */
    public int pixel(int i, int r, int c) {
        return pixels[(i * rows + r) * cols + c] & 0xff;
    }

    public int imageSize() {
        return rows * cols;
    }
}
