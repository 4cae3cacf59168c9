using ResponsePortal.Blobs;

namespace ResponsePortal.Tests.Blobs;

public sealed class AttachmentCheckTests
{
    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "application/pdf", ".pdf")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "image/png", ".png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46 }, "image/jpeg", ".jpg")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE1 }, "image/jpeg", ".jpg")]
    public void Pdf_png_and_jpeg_are_recognised_by_their_first_bytes(byte[] content, string contentType, string extension)
    {
        Assert.Equal(new AttachmentVerdict.Accepted(contentType, extension), AttachmentCheck.Classify(content));
    }

    [Theory]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, "unsupported-type")] // GIF
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, "unsupported-type")] // ZIP / DOCX
    [InlineData(new byte[] { 0x4D, 0x5A }, "unsupported-type")] // Windows executable
    [InlineData(new byte[] { 0x3C, 0x73, 0x76, 0x67 }, "unsupported-type")] // <svg: scriptable
    [InlineData(new byte[] { 0x25, 0x50, 0x44 }, "unsupported-type")] // a truncated PDF signature
    [InlineData(new byte[] { 0x20, 0x25, 0x50, 0x44, 0x46, 0x2D }, "unsupported-type")] // signature not at the start
    [InlineData(new byte[0], "empty")]
    public void Anything_else_is_rejected_with_a_code(byte[] content, string code)
    {
        Assert.Equal(code, Assert.IsType<AttachmentVerdict.Rejected>(AttachmentCheck.Classify(content)).Code);
    }

    [Fact]
    public void The_size_limit_is_inclusive()
    {
        var atLimit = new byte[AttachmentCheck.MaxBytes];
        "%PDF-"u8.CopyTo(atLimit);
        var overLimit = new byte[AttachmentCheck.MaxBytes + 1];
        "%PDF-"u8.CopyTo(overLimit);

        Assert.IsType<AttachmentVerdict.Accepted>(AttachmentCheck.Classify(atLimit));
        Assert.Equal("too-large", Assert.IsType<AttachmentVerdict.Rejected>(AttachmentCheck.Classify(overLimit)).Code);
    }

    [Fact]
    public void The_file_name_plays_no_part()
    {
        // A PDF renamed to .png is still a PDF: the verdict depends on bytes only (there is no name parameter).
        Assert.Equal("application/pdf", Assert.IsType<AttachmentVerdict.Accepted>(AttachmentCheck.Classify("%PDF-1.4\n"u8)).ContentType);
    }
}
