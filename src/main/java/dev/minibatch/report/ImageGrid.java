package dev.minibatch.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A grid of test images with their true and predicted classes, as d2l's {@code show_images} draws Fashion-MNIST:
 * each image in gray (0 white, 1 black, the dataset's own ink), its true class under it, then the prediction, a
 * mistake in red with its frame. Drawn with Java2D: a chart library has no image grid.
 */
final class ImageGrid {
    private static final int SCALE = 3;
    private static final int COLUMNS = 8;
    private static final Color WRONG = new Color(0xc62828);

    private ImageGrid() {
    }

    /**
     * Draws the grid.
     *
     * @param pixels one row of height · width values in [0, 1] per image, row-major.
     * @param height each image's rows.
     * @param width each image's columns.
     * @param truth each image's class.
     * @param predicted each image's predicted class.
     * @param classes the class names.
     * @return the PNG.
     */
    static byte[] png(double[][] pixels, int height, int width, int[] truth, int[] predicted, List<String> classes) {
        int cellW = Math.max(width * SCALE, 96) + 8;
        int line = 15;
        int cellH = height * SCALE + 2 * line + 12;
        int rows = (pixels.length + COLUMNS - 1) / COLUMNS;
        BufferedImage img = new BufferedImage(COLUMNS * cellW, rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (int k = 0; k < pixels.length; k++) {
            int x0 = (k % COLUMNS) * cellW + (cellW - width * SCALE) / 2;
            int y0 = (k / COLUMNS) * cellH + 4;
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    double v = Math.max(0, Math.min(1, pixels[k][r * width + c]));
                    int gray = (int) Math.round(255 * (1 - v));
                    g.setColor(new Color(gray, gray, gray));
                    g.fillRect(x0 + c * SCALE, y0 + r * SCALE, SCALE, SCALE);
                }
            }
            boolean right = truth[k] == predicted[k];
            if (!right) {
                g.setColor(WRONG);
                g.setStroke(new BasicStroke(2f));
                g.drawRect(x0 - 2, y0 - 2, width * SCALE + 3, height * SCALE + 3);
            }
            int cx = (k % COLUMNS) * cellW + cellW / 2;
            int ty = y0 + height * SCALE + line;
            g.setColor(Color.DARK_GRAY);
            String t = classes.get(truth[k]);
            g.drawString(t, cx - fm.stringWidth(t) / 2, ty);
            g.setColor(right ? new Color(0x2e7d32) : WRONG);
            String p = (right ? "✓ " : "✗ ") + classes.get(predicted[k]);
            g.drawString(p, cx - fm.stringWidth(p) / 2, ty + line);
        }
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
